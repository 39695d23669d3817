package builtin_test

import "testing"

// From the API references of EC2 (EC2 query protocol, XML answers),
// SageMaker, EMR, Redshift Data and Cognito user pools (AWS JSON 1.1).
func TestRender_ComputeAndData(t *testing.T) {
	runRenderCases(t, map[string]renderCase{
		"Ec2DescribeInstances": {
			resource:    "ec2:describeInstances",
			params:      `{"InstanceIds":["i-1234567890abcdef0"],"Filters":[{"Name":"instance-state-name","Values":["running"]}]}`,
			wantRequest: "POST /",
			wantBody:    `Action=DescribeInstances&Filter.1.Name=instance-state-name&Filter.1.Value.1=running&InstanceId.1=i-1234567890abcdef0&Version=2016-11-15`,
			contentType: "text/xml;charset=UTF-8",
			reply: `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>8f7724cf-496f-496e-8fe3-example</requestId>
				<reservationSet><item><reservationId>r-1234567890abcdef0</reservationId><ownerId>123456789012</ownerId><groupSet/>
				<instancesSet><item><instanceId>i-1234567890abcdef0</instanceId><imageId>ami-bff32ccc</imageId>
				<instanceState><code>16</code><name>running</name></instanceState><instanceType>t2.micro</instanceType>
				<launchTime>2018-05-08T16:46:19.000Z</launchTime><tagSet><item><key>Name</key><value>web</value></item></tagSet>
				</item></instancesSet></item></reservationSet></DescribeInstancesResponse>`,
			wantOutput: `{"Reservations":[{"ReservationId":"r-1234567890abcdef0","OwnerId":"123456789012","Groups":[],
				"Instances":[{"InstanceId":"i-1234567890abcdef0","ImageId":"ami-bff32ccc","State":{"Code":16,"Name":"running"},
				"InstanceType":"t2.micro","LaunchTime":"2018-05-08T16:46:19Z","Tags":[{"Key":"Name","Value":"web"}]}]}]}`,
		},
		"Ec2StopInstancesUnknownInstance": {
			resource:    "ec2:stopInstances",
			params:      `{"InstanceIds":["i-0000000000000000f"]}`,
			wantRequest: "POST /",
			wantBody:    `Action=StopInstances&InstanceId.1=i-0000000000000000f&Version=2016-11-15`,
			status:      400, contentType: "text/xml;charset=UTF-8",
			reply:     `<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-0000000000000000f' does not exist</Message></Error></Errors><RequestID>req-1</RequestID></Response>`,
			wantError: "Ec2.Ec2Exception",
			wantCause: "The instance ID 'i-0000000000000000f' does not exist (Service: Ec2, Status Code: 400, Request ID: req-1)",
		},
		"SageMakerDescribeTrainingJob": {
			resource:    "sagemaker:describeTrainingJob",
			params:      `{"TrainingJobName":"xgboost-2024"}`,
			wantRequest: "POST / SageMaker.DescribeTrainingJob",
			wantBody:    `{"TrainingJobName":"xgboost-2024"}`,
			contentType: json11,
			reply:       `{"TrainingJobName":"xgboost-2024","TrainingJobArn":"arn:aws:sagemaker:us-east-1:123456789012:training-job/xgboost-2024","TrainingJobStatus":"Completed","SecondaryStatus":"Completed","CreationTime":1.7e9,"ModelArtifacts":{"S3ModelArtifacts":"s3://bucket/output/model.tar.gz"},"FinalMetricDataList":[{"MetricName":"validation:rmse","Value":0.25,"Timestamp":1.7e9}]}`,
			wantOutput:  `{"TrainingJobName":"xgboost-2024","TrainingJobArn":"arn:aws:sagemaker:us-east-1:123456789012:training-job/xgboost-2024","TrainingJobStatus":"Completed","SecondaryStatus":"Completed","CreationTime":"2023-11-14T22:13:20Z","ModelArtifacts":{"S3ModelArtifacts":"s3://bucket/output/model.tar.gz"},"FinalMetricDataList":[{"MetricName":"validation:rmse","Value":0.25,"Timestamp":"2023-11-14T22:13:20Z"}]}`,
		},
		"SageMakerNotFound": {
			resource:    "sagemaker:describeTrainingJob",
			params:      `{"TrainingJobName":"nope"}`,
			wantRequest: "POST / SageMaker.DescribeTrainingJob",
			status:      400, contentType: json11,
			reply:     `{"__type":"com.amazonaws.sagemaker#ResourceNotFound","Message":"Requested resource not found."}`,
			wantError: "SageMaker.ResourceNotFoundException",
			wantCause: "Requested resource not found. (Service: SageMaker, Status Code: 400, Request ID: req-1)",
		},
		"EmrAddJobFlowSteps": {
			resource:    "emr:addJobFlowSteps",
			params:      `{"JobFlowId":"j-3SD91U2E1L2QX","Steps":[{"Name":"step","ActionOnFailure":"CONTINUE","HadoopJarStep":{"Jar":"command-runner.jar","Args":["spark-submit","s3://bucket/job.py"]}}]}`,
			wantRequest: "POST / ElasticMapReduce.AddJobFlowSteps",
			wantBody:    `{"JobFlowId":"j-3SD91U2E1L2QX","Steps":[{"Name":"step","ActionOnFailure":"CONTINUE","HadoopJarStep":{"Jar":"command-runner.jar","Args":["spark-submit","s3://bucket/job.py"]}}]}`,
			contentType: json11,
			reply:       `{"StepIds":["s-Y9XXW0LRQ7DZ"]}`,
			wantOutput:  `{"StepIds":["s-Y9XXW0LRQ7DZ"]}`,
		},
		"RedshiftDataExecuteStatement": {
			resource:    "redshiftdata:executeStatement",
			params:      `{"ClientToken":"token-1","ClusterIdentifier":"cluster-1","Database":"dev","DbUser":"awsuser","Sql":"select 1"}`,
			wantRequest: "POST / RedshiftData.ExecuteStatement",
			wantBody:    `{"ClientToken":"token-1","ClusterIdentifier":"cluster-1","Database":"dev","DbUser":"awsuser","Sql":"select 1"}`,
			contentType: json11,
			reply:       `{"ClusterIdentifier":"cluster-1","CreatedAt":1.6e9,"Database":"dev","DbUser":"awsuser","Id":"d9b6c0c9-0747-4bf4-b142-e8883example"}`,
			wantOutput:  `{"ClusterIdentifier":"cluster-1","CreatedAt":"2020-09-13T12:26:40Z","Database":"dev","DbUser":"awsuser","Id":"d9b6c0c9-0747-4bf4-b142-e8883example"}`,
		},
		"CognitoAdminGetUser": {
			resource:    "cognitoidentityprovider:adminGetUser",
			params:      `{"UserPoolId":"us-east-1_EXAMPLE","Username":"testuser"}`,
			wantRequest: "POST / AWSCognitoIdentityProviderService.AdminGetUser",
			wantBody:    `{"UserPoolId":"us-east-1_EXAMPLE","Username":"testuser"}`,
			contentType: json11,
			reply:       `{"Enabled":true,"UserAttributes":[{"Name":"sub","Value":"d16b4aa8-8633-4abd-93b3-5062aEXAMPLE"},{"Name":"email","Value":"testuser@example.com"}],"UserCreateDate":1.689980857949E9,"UserStatus":"FORCE_CHANGE_PASSWORD","Username":"testuser"}`,
			wantOutput:  `{"Enabled":true,"UserAttributes":[{"Name":"sub","Value":"d16b4aa8-8633-4abd-93b3-5062aEXAMPLE"},{"Name":"email","Value":"testuser@example.com"}],"UserCreateDate":"2023-07-21T23:07:37.949Z","UserStatus":"FORCE_CHANGE_PASSWORD","Username":"testuser"}`,
		},
		"CognitoUserNotFound": {
			resource:    "cognitoidentityprovider:adminGetUser",
			params:      `{"UserPoolId":"us-east-1_EXAMPLE","Username":"nobody"}`,
			wantRequest: "POST / AWSCognitoIdentityProviderService.AdminGetUser",
			status:      400, contentType: json11,
			reply:     `{"__type":"UserNotFoundException","message":"User does not exist."}`,
			wantError: "CognitoIdentityProvider.UserNotFoundException",
			wantCause: "User does not exist. (Service: CognitoIdentityProvider, Status Code: 400, Request ID: req-1)",
		},
	})
}
